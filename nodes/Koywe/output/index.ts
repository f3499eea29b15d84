export * from './document';
export * from './files';
export * from './verdict';
