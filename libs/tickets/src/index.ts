export * from './ticket.entity';
export * from './ticket-event.entity';
export * from './ticket-status';
export * from './ticket-transitions';
export * from './ticket-deadlines';
export * from './ticket.service';
export * from './tickets.module';
export * from './tracking-number';
