/**
 * A man in the middle between the API and the real provider, for the attacks that need one: it
 * forwards every request unchanged, except that `tamper` may rewrite the JSON the token endpoint
 * answers (a forged or expired ID token). The provider's issuer is the proxy's address, so the API
 * cannot tell the difference — only its checks of the ID token can.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TokenTamper = (body: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface TokenProxy {
  port: number;
  tamper?: TokenTamper;
  setTarget(port: number): void;
  close(): Promise<void>;
}

export async function startTokenProxy(): Promise<TokenProxy> {
  let target = 0;
  const proxy: TokenProxy = {
    port: 0,
    setTarget: (port) => (target = port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      { host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const isToken = req.method === 'POST' && req.url?.startsWith('/token');
        if (!isToken || !proxy.tamper || answer.statusCode !== 200) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        void rewrite(answer, proxy.tamper).then((body) => {
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
          res.writeHead(200, headers);
          res.end(body);
        });
      },
    );
    req.pipe(upstream);
  };
  const server = createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}

async function rewrite(answer: IncomingMessage, tamper: TokenTamper): Promise<string> {
  let text = '';
  for await (const chunk of answer) text += String(chunk);
  return JSON.stringify(await tamper(JSON.parse(text) as Record<string, unknown>));
}
