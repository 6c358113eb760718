import { InitialSchema1763884800000 } from './1763884800000-InitialSchema';
import { CalendarYears1764000000000 } from './1764000000000-CalendarYears';
import { Clocks1764000100000 } from './1764000100000-Clocks';
import { Workbench1764100000000 } from './1764100000000-Workbench';
import { OpenTicketIndexes1764100100000 } from './1764100100000-OpenTicketIndexes';
import { Publishing1764200000000 } from './1764200000000-Publishing';
import { PolicyInterpretations1764200100000 } from './1764200100000-PolicyInterpretations';
import { ArchiveSearchStatistics1764200200000 } from './1764200200000-ArchiveSearchStatistics';
import { ChannelAccounts1764300000000 } from './1764300000000-ChannelAccounts';
import { LearningRouter1764400000000 } from './1764400000000-LearningRouter';
import { HotTopicMonitor1796217625008 } from './1796217625008-HotTopicMonitor';
import { WeiboPublicPosts1796217736047 } from './1796217736047-WeiboPublicPosts';
import { WechatBot1796217736193 } from './1796217736193-WechatBot';
import { MonitorSignatureBands1796217736300 } from './1796217736300-MonitorSignatureBands';
import { MonitorPublicPosts1796217736400 } from './1796217736400-MonitorPublicPosts';
import { MonitorPublicPostCopies1796217736500 } from './1796217736500-MonitorPublicPostCopies';
import { MonitorSignatureSenders1796217736600 } from './1796217736600-MonitorSignatureSenders';

/** In order of application; a new migration is added here and nowhere else. */
export const MIGRATIONS = [InitialSchema1763884800000, CalendarYears1764000000000, Clocks1764000100000, Workbench1764100000000, OpenTicketIndexes1764100100000, Publishing1764200000000, PolicyInterpretations1764200100000, ArchiveSearchStatistics1764200200000, ChannelAccounts1764300000000, LearningRouter1764400000000, HotTopicMonitor1796217625008, WeiboPublicPosts1796217736047, WechatBot1796217736193, MonitorSignatureBands1796217736300, MonitorPublicPosts1796217736400, MonitorPublicPostCopies1796217736500, MonitorSignatureSenders1796217736600];
