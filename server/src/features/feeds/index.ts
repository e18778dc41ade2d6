export { feedRoutes } from './feeds.routes.js';
