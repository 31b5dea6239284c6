/** Geometry of grids: which grid a point lies in, bounds, area and label points. */
export { GridLocator, GridBoundaryError, findGridAt, type GridLocation, type GridShape, type LngLat, type BBox } from './gridLocator';
export { areaOf, boundsOf, boundsOfAll, formatArea, labelPointOf } from './measure';
