export * from './routing-rule.entity';
export * from './routing-catalogue';
export * from './routing-decision';
export * from './routing-catalogue.repository';
export * from './demo-city.loader';
export * from './jobs/route-ticket.job';
export * from './routing.module';
export * from './routing-example.entity';
