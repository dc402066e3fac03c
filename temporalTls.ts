import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';

/** PEM file paths of the Temporal client's TLS settings, as given in the environment. */
export interface TemporalTlsFiles {
  /** CA that signed the frontend's certificate (TEMPORAL_TLS_CA); the system's roots when absent. */
  ca?: string;
  /** This client's certificate and key (TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY): mutual TLS. */
  cert?: string;
  key?: string;
  /** Name to check the frontend's certificate against when it differs from the address's host (TEMPORAL_TLS_SERVER_NAME). */
  serverName?: string;
}

function pem(file: string, variable: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(`${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/**
 * The TLS options of the API's and the worker's connections to Temporal: none (plain gRPC, the dev server) when no
 * TEMPORAL_TLS_* is set; TLS when a CA or a server name is; mutual TLS when a certificate and its key are (both or
 * neither). Throws naming the variable that is wrong.
 */
export function temporalTls(files: TemporalTlsFiles): TLSConfig | undefined {
  const { ca, cert, key, serverName } = files;
  if (Boolean(cert) !== Boolean(key)) throw new Error('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY: set both (mutual TLS) or neither');
  if (!ca && !cert && !serverName) return undefined;
  return {
    ...(ca && { serverRootCACertificate: pem(ca, 'TEMPORAL_TLS_CA') }),
    ...(cert && key && { clientCertPair: { crt: pem(cert, 'TEMPORAL_TLS_CERT'), key: pem(key, 'TEMPORAL_TLS_KEY') } }),
    ...(serverName && { serverNameOverride: serverName }),
  };
}
