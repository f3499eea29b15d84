export * from './backoff';
export * from './errors';
export * from './failure';
export * from './limiter';
export * from './redact';
export * from './request';
export * from './types';
