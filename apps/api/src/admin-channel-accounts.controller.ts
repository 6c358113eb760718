import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireRoles, StaffAuthGuard } from '@wenzheng/auth';
import { ChannelAccountView, ChannelAccountsService, channelAccountChangeSchema, newChannelAccountSchema } from '@wenzheng/channels';
import { apiErrors, zodBody } from './openapi';

const VIEW = 'The account without its secrets (credentialsSet names the ones stored) and its webhook path';

@ApiTags('admin')
@ApiBearerAuth()
@apiErrors(401, [403, 'This needs the role admin'])
@Controller('api/v1/admin/channel-accounts')
@UseGuards(StaffAuthGuard)
@RequireRoles('admin')
export class AdminChannelAccountsController {
  constructor(private readonly accounts: ChannelAccountsService) {}

  @Get()
  @ApiOperation({ summary: 'List the WeChat official accounts and Weibo accounts the hub receives for' })
  @ApiOkResponse({ description: `An array: ${VIEW}` })
  list(): Promise<ChannelAccountView[]> {
    return this.accounts.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One channel account' })
  @ApiParam({ name: 'id', description: 'The channel account id (uuid)' })
  @ApiOkResponse({ description: VIEW })
  @apiErrors(404)
  get(@Param('id') id: string): Promise<ChannelAccountView> {
    return this.accounts.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Register an account; its credentials are stored encrypted with CHANNEL_SECRETS_KEY' })
  @zodBody(newChannelAccountSchema, { description: 'WeChat: appSecret, token, encodingAesKey (compatible/safe mode). Weibo: appSecret, accessToken' })
  @ApiCreatedResponse({ description: VIEW })
  @apiErrors(400, [409, 'An account with this platform and app id exists'])
  create(@Body() body: unknown): Promise<ChannelAccountView> {
    return this.accounts.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the name, mode, credentials (replaced whole), settings, or disable the account' })
  @ApiParam({ name: 'id', description: 'The channel account id (uuid)' })
  @zodBody(channelAccountChangeSchema)
  @ApiOkResponse({ description: VIEW })
  @apiErrors(400, 404)
  update(@Param('id') id: string, @Body() body: unknown): Promise<ChannelAccountView> {
    return this.accounts.update(id, body);
  }
}
