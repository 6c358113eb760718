import 'reflect-metadata';
import { startHub } from './run-hub';

startHub();
