import 'reflect-metadata';
import { startHub } from '../../hub/src/run-hub';

// API alone, whatever HUB_ROLES says.
startHub({ roles: ['api'] });
