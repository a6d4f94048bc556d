export * from './auth';
export * from './catalog';
export * from './ledger';
export * from './orders';
export * from './invoices';
export * from './payments';
export * from './admin';
export * from './security';
