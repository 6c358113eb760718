import 'reflect-metadata';
import { startHub } from '../../hub/src/run-hub';

// The bot alone, whatever HUB_ROLES says: one per Wechaty account.
startHub({ roles: ['bot'] });
