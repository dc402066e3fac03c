import type { z } from 'zod';
import { ErrorBody } from './schemas';

/** Pieces every route description of /openapi.json uses. */
export const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
export const error = (description: string) => ({ description, ...json(ErrorBody) });
export const roles = (...names: string[]) => `允许的角色 (roles): ${names.join(', ')}`;
