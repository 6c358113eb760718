import { Injectable } from '@nestjs/common';
import { ChannelContactsRepository } from '../accounts/channel-contacts.repository';
import { PortalService } from '../portal/portal.service';
import { OwnTicket, ownTicketsText } from './chat-texts';

/**
 * 查询 in a chat: the sender's own tickets on the account; another person's number only with its 查询码, so nobody
 * reads a ticket they did not write without the code its writer was given.
 */
@Injectable()
export class ChatStatusQuery {
  constructor(
    private readonly contacts: ChannelContactsRepository,
    private readonly portal: PortalService,
  ) {}

  async answer(accountId: string, senderId: string, trackingNo: string | null, queryCode: string | null): Promise<string> {
    return ownTicketsText(await this.tickets(accountId, senderId, trackingNo, queryCode), trackingNo);
  }

  private async tickets(accountId: string, senderId: string, trackingNo: string | null, queryCode: string | null): Promise<OwnTicket[]> {
    const own = await this.contacts.ownTickets(accountId, senderId, trackingNo);
    if (own.length || !trackingNo || !queryCode) return own;
    const status = await this.portal.status(trackingNo, queryCode);
    if (!status) return [];
    return [{ trackingNo, title: '', statusText: status.statusText, replyDueAt: new Date(status.replyDueAt), unitName: status.leadUnit }];
  }
}
