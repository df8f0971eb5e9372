/**
 * Where the embedded provider keeps its state (sessions, interactions, codes, grants, tokens): in
 * memory, one store per provider, entries dropped at their expiry. A restart signs people out of
 * the provider (not out of the API, whose sessions live in PostgreSQL). Production providers
 * (Keycloak, Entra ID) have their own persistent stores.
 */
type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string };

interface Entry {
  payload: Payload;
  expiresAt: number;
}

export function createMemoryStore(): new (model: string) => unknown {
  const entries = new Map<string, Entry>();
  const live = (key: string): Payload | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  const findBy = (model: string, field: 'uid' | 'userCode', value: string) => {
    for (const [key] of entries) {
      const payload = key.startsWith(`${model}:`) ? live(key) : undefined;
      if (payload?.[field] === value) return payload;
    }
    return undefined;
  };

  return class MemoryStore {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
      entries.set(this.key(id), { payload, expiresAt });
      return Promise.resolve();
    }

    find(id: string): Promise<Payload | undefined> {
      return Promise.resolve(live(this.key(id)));
    }

    findByUid(uid: string): Promise<Payload | undefined> {
      return Promise.resolve(findBy(this.model, 'uid', uid));
    }

    findByUserCode(userCode: string): Promise<Payload | undefined> {
      return Promise.resolve(findBy(this.model, 'userCode', userCode));
    }

    consume(id: string): Promise<void> {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      return Promise.resolve();
    }

    destroy(id: string): Promise<void> {
      entries.delete(this.key(id));
      return Promise.resolve();
    }

    /** A code used twice revokes everything issued under its grant (RFC 6749 §4.1.2). */
    revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, entry] of entries) {
        if (entry.payload.grantId === grantId) entries.delete(key);
      }
      return Promise.resolve();
    }
  };
}
