/** One client per region, created on first use and kept: SDK clients hold connection pools. */
export function regionClientCache<Client>(
  create: (region: string) => Client,
): (region: string) => Client {
  const clients = new Map<string, Client>();
  return (region) => {
    let client = clients.get(region);
    if (client === undefined) {
      client = create(region);
      clients.set(region, client);
    }
    return client;
  };
}
