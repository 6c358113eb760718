import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HUB_CONFIG, HubConfig } from '@wenzheng/config';
import { dataSourceOptions } from './data-source-options';

/** The TypeORM data source of the process. The schema is made by migrations at boot (prepareDatabase), never synchronized. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [HUB_CONFIG],
          useFactory: (config: HubConfig) => dataSourceOptions(config.database.url, config.database.poolSize),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
