export * from './countries';
export * from './currencies';
export * from './documentTypes';
export * from './guidedDefaults';
export * from './mipyme';
export * from './referenceCodes';
export * from './taxes';
export * from './taxIdTypes';
