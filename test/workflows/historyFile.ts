import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
const { History } = temporal.api.history.v1;

// Plain protobuf object form (int64 and bytes as strings): lossless, and independent of how npm laid out
// the SDK's protobufjs copies (the SDK's historyToJSON fails when @temporalio/common and @temporalio/proto
// each get their own copy).
const FORMAT = { longs: String, enums: String, bytes: String } as const;

export function historyToFile(history: History): string {
  return JSON.stringify(History.toObject(History.fromObject(history), FORMAT), null, 1);
}

export function historyFromFile(text: string): temporal.api.history.v1.History {
  return History.fromObject(JSON.parse(text));
}
