import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PASSWORD_MIN_LENGTH, RequireRoles, StaffAuthGuard, StaffUserView, StaffUsersService, newStaffUserSchema, staffUserChangeSchema } from '@wenzheng/auth';
import { apiErrors, ref, zodBody } from './openapi';

const PASSWORD_RULE = `a password has at least ${PASSWORD_MIN_LENGTH} characters`;

@ApiTags('admin')
@ApiBearerAuth()
@apiErrors(401, [403, 'This needs the role admin'])
@Controller('api/v1/admin/users')
@UseGuards(StaffAuthGuard)
@RequireRoles('admin')
export class AdminUsersController {
  constructor(private readonly users: StaffUsersService) {}

  @Get()
  @ApiOperation({ summary: 'List the staff accounts' })
  @ApiOkResponse({ schema: { type: 'array', items: ref('StaffUser') } })
  list(): Promise<StaffUserView[]> {
    return this.users.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a staff account' })
  @zodBody(newStaffUserSchema, { description: `\`unit\` is a unit code; ${PASSWORD_RULE}` })
  @ApiCreatedResponse({ schema: ref('StaffUser') })
  @apiErrors([400, 'Invalid input, or no unit with that code'], [409, 'The username is taken'])
  create(@Body() body: unknown): Promise<StaffUserView> {
    return this.users.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a staff account: name, roles, password, or disable it' })
  @ApiParam({ name: 'id', description: 'The staff user id (uuid)' })
  @zodBody(staffUserChangeSchema, { description: `${PASSWORD_RULE}; a new password or disabling ends the account's sessions` })
  @ApiOkResponse({ schema: ref('StaffUser') })
  @apiErrors(400, 404)
  update(@Param('id') id: string, @Body() body: unknown): Promise<StaffUserView> {
    return this.users.update(id, body);
  }
}
