// Vite's `?raw` imports: the file's text as a string (used for server/examples.graphql).
declare module '*?raw' {
  const text: string;
  export default text;
}
