export * from './inbound-message.entity';
export * from './outbox.entity';
export * from './intake.service';
export * from './intake.module';
export * from './intake-jobs.module';
export * from './jobs/analyze-message.job';
export * from './outbox-relay.service';
export * from './pipeline-sweeper.service';
