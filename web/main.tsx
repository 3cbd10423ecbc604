// Entry: the page's CSS (bundled fonts, Vietnamese and Latin woff2 only, see fonts.css; MapLibre's; the page's, which
// overrides MapLibre's), then the first picture of the choropleth (first-picture/, small, no MapLibre or React: it is
// drawn as soon as the boot data is in), then the map and the app, a chunk loaded on its own (app-start.tsx) so that
// the picture does not wait for MapLibre's and React's chunks.
import './fonts.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import './first-picture/first-picture.ts';

void import('./app-start.tsx');
