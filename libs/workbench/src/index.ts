export * from './ticket-scope';
export * from './ticket-views';
export * from './workbench.schemas';
export * from './workbench-tickets.repository';
export * from './workbench.service';
export * from './workbench.module';
