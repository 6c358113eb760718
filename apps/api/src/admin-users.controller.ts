import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { RequireRoles, StaffAuthGuard, StaffUserView, StaffUsersService } from '@wenzheng/auth';

@Controller('api/v1/admin/users')
@UseGuards(StaffAuthGuard)
@RequireRoles('admin')
export class AdminUsersController {
  constructor(private readonly users: StaffUsersService) {}

  @Get()
  list(): Promise<StaffUserView[]> {
    return this.users.list();
  }

  @Post()
  create(@Body() body: unknown): Promise<StaffUserView> {
    return this.users.create(body);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: unknown): Promise<StaffUserView> {
    return this.users.update(id, body);
  }
}
