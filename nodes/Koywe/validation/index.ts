export * from './dates';
export * from './document';
export * from './numbers';
export * from './schemas';
export * from './taxIds';
export * from './totals';
export * from './types';
