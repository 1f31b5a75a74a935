/** The one place that talks HTTP to Genviral. Nothing outside transport/ builds a request. */
export * from './request';
export * from './shapes';
export * from './pagination';
export { genviralApiError, snippetOf } from './errors';
export * from './sleep';
export * from './wait';
export * from './download';
