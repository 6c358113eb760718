export * from './unit.entity';
