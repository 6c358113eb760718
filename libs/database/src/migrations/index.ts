import { InitialSchema1763884800000 } from './1763884800000-InitialSchema';

/** In order of application; a new migration is added here and nowhere else. */
export const MIGRATIONS = [InitialSchema1763884800000];
