export * from './document';
export * from './files';
