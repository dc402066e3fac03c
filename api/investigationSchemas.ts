import { z } from 'zod';
import { cleanText } from './schemas';

/** Request and response shapes of home investigations (入户调查). */

const FileReference = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,199}$/, '文件引用：字母、数字及 / _ . - (file reference: letters, digits, / _ . -)').refine((ref) => !ref.includes('..'), '文件引用不能包含 .. (no .. in a file reference)');

export const HomeInvestigationRequest = z
  .strictObject({
    visitedOn: z.iso.date().openapi({ example: '2026-11-24' }),
    staffIds: z
      .array(z.number().int().positive())
      .min(2, '入户调查须至少两名工作人员 (a home visit needs at least two staff)')
      .max(10)
      .refine((ids) => new Set(ids).size === ids.length, '工作人员不能重复 (each staff member once)'),
    neighboursAsked: z.number().int().min(0).max(100).openapi({ description: '走访的邻里人数 (how many neighbours were asked)' }),
    findings: cleanText(z.string().trim().min(1).max(5000)),
    photos: z.array(FileReference).max(20).default([]).openapi({ description: '照片的文件引用 (file references of the photos)', example: ['visits/2026/11/20261124-000001-1.jpg'] }),
  })
  .openapi('HomeInvestigationRequest');

export const HomeInvestigation = z
  .object({
    visitedOn: z.string(),
    reviewRound: z.number().int().openapi({ description: '0 before any objection to a public notice, n after the n-th (re-investigation)' }),
    staffIds: z.array(z.number()),
    neighboursAsked: z.number(),
    findings: z.string(),
    photos: z.array(z.string()),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .openapi('HomeInvestigation');
