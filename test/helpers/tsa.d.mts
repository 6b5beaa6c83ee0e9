export type TsaMode = 'ok' | 'down' | 'http-error' | 'rejection' | 'garbage' | 'hang';
/** A real RFC 3161 time-stamping authority on 127.0.0.1: OpenSSL signs, node:http serves. */
export interface Tsa {
    url: string;
    rootPem: string;
    rootPath: string;
    /** The certificate that signs the tokens. */
    tsaCertPem: string;
    dir: string;
    /** Requests received (not counting refused connections). */
    requests: number;
    mode: TsaMode;
    setMode(mode: TsaMode): void;
    close(): Promise<void>;
}
export interface TsaOptions {
    /** How the signing certificate's extendedKeyUsage is marked; RFC 3161 wants 'critical'. */
    eku?: 'critical' | 'non-critical' | 'none';
    /** Common name of the TSA; its root is "<name> Root CA". Two TSAs with two names are two independent CAs. */
    name?: string;
}
export declare function startTsa(options?: TsaOptions): Promise<Tsa>;
