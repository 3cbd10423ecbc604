// The phone layout's media query (the stylesheet's breakpoint), without React: the first picture reads it too.
export const PHONE_SCREEN = 'screen and (max-width: 700px)';
