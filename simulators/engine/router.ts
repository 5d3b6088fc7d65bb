/**
 * Where a request or a mail goes: the provider endpoint an HTTP request is for, and the mail
 * endpoint an address belongs to. Built once from the provider list; it reads no state and
 * decides nothing, so that an adapter can ask it before reading a body (a request no provider
 * serves is answered 404, or passed on to express or msw, without waiting for its body).
 */
import type { MailEndpoint } from '../core/mail.ts'
import type { ProviderId } from '../core/model.ts'
import type { HttpEndpoint, Provider } from '../core/provider.ts'
import { RouteTable } from './route-table.ts'

/** The endpoint a request is for, and the path it serves the request at. */
export interface HttpRoute {
  provider: Provider
  endpoint: HttpEndpoint
  /** The request's path below the mount (on a real host, the path itself). */
  path: string
  /** The `/<provider>` prefix the request came under; empty on a real host. */
  mount: string
}

/** The endpoint of the provider an address belongs to. */
export interface MailRoute {
  provider: Provider
  endpoint: MailEndpoint
}

export class Router {
  readonly #providers: readonly Provider[]
  /** Real host name → the paths served there. */
  readonly #byHost = new Map<string, RouteTable>()
  /** `/<provider>` prefix → the paths served under it on any host (smsim's own URLs). */
  readonly #byPrefix = new Map<string, RouteTable>()
  readonly #providerOf = new Map<HttpEndpoint, Provider>()
  /** The domains of the providers' mail addresses (lower case) → the provider. */
  readonly #byMailDomain = new Map<string, ProviderId>()

  constructor(providers: readonly Provider[]) {
    this.#providers = providers
    for (const provider of providers) {
      const underPrefix = new RouteTable()
      for (const endpoint of provider.http) {
        this.#providerOf.set(endpoint, provider)
        for (const path of endpoint.prefixPaths ?? endpoint.paths) underPrefix.add(path, endpoint)
        for (const host of endpoint.hosts) {
          const table = this.#byHost.get(host) ?? new RouteTable()
          for (const path of endpoint.paths) table.add(path, endpoint)
          this.#byHost.set(host, table)
        }
      }
      this.#byPrefix.set(provider.prefix, underPrefix)
      for (const endpoint of provider.mail ?? [])
        for (const address of endpoint.addresses)
          this.#byMailDomain.set(domainOf(address), provider.id)
    }
  }

  /** The provider endpoint a request is for: by real host name, else by `/<provider>/` prefix. */
  http(host: string, path: string): HttpRoute | undefined {
    const hostTable = this.#byHost.get(host)
    if (hostTable) {
      const endpoint = hostTable.match(path)
      if (endpoint) return { provider: this.#providerOf.get(endpoint)!, endpoint, path, mount: '' }
    }
    const slash = path.indexOf('/', 1)
    const prefix = this.#byPrefix.get(slash < 0 ? path : path.slice(0, slash))
    if (!prefix || slash < 0) return undefined
    const rest = path.slice(slash)
    const endpoint = prefix.match(rest)
    return endpoint
      ? {
          provider: this.#providerOf.get(endpoint)!,
          endpoint,
          path: rest,
          mount: path.slice(0, slash),
        }
      : undefined
  }

  /** Whether a host name is one of the providers' real hosts. */
  isProviderHost(host: string): boolean {
    return this.#byHost.has(host)
  }

  /** The mail endpoint an RCPT TO address belongs to, if any. */
  mail(address: string): MailRoute | undefined {
    for (const provider of this.#providers) {
      for (const endpoint of provider.mail ?? []) {
        if (endpoint.accepts(address)) return { provider, endpoint }
      }
    }
    return undefined
  }

  /**
   * The provider an address is for: the one that takes it, else the one whose domain it names
   * (`wrong@allmysms.com` is refused, but a reader of the journal looks for it under allmysms).
   */
  mailProvider(address: string): ProviderId | undefined {
    return this.mail(address)?.provider.id ?? this.#byMailDomain.get(domainOf(address))
  }

  /** Every address the mail providers accept, for the 550 that names them. */
  mailAddresses(): string[] {
    return this.#providers.flatMap((p) => (p.mail ?? []).flatMap((e) => e.addresses))
  }

  /**
   * The providers a mail's recipients belong to, in the order of the recipients, each with the
   * first of its addresses: what is written once per provider (a fault, a refusal) names it.
   */
  mailProviders(recipients: readonly string[]): Map<ProviderId, string> {
    const providers = new Map<ProviderId, string>()
    for (const recipient of recipients) {
      const provider = this.mail(recipient)?.provider.id
      if (provider && !providers.has(provider)) providers.set(provider, recipient)
    }
    return providers
  }

  /**
   * The credentials a mail's recipient address and subject carry, as the provider of that
   * address reads them (SMStoB's password, allmysms's apiKey): for the journal entries written
   * before or without the provider's decision, so that they are masked there too.
   */
  mailSecrets(recipient: string, subject: string): string[] {
    return this.mail(recipient)?.endpoint.secretsIn?.(recipient, subject) ?? []
  }
}

/** An address's domain, lower case (domains compare without case); `''` without an `@`. */
function domainOf(address: string): string {
  const at = address.lastIndexOf('@')
  return at < 0 ? '' : address.slice(at + 1).toLowerCase()
}
