import { z } from 'zod';
import { objectIdSchema } from '../../domain/user.js';

export const webhookIdParams = z.object({ id: objectIdSchema });
export const deliveryIdParams = z.object({ id: z.string().regex(/^msg_[A-Za-z0-9_-]{1,64}$/, 'must be a delivery id (msg_…)') });
