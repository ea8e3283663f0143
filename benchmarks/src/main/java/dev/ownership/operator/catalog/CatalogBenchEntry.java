package dev.ownership.operator.catalog;

import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.who.TeamDirectory;

/**
 * The benchmarks' way into the catalog's router without a socket. {@code CatalogRequest} and {@code
 * CatalogResponse} are package-private in the operator (its HTTP server is their only caller), so
 * this class sits in the same package, in the benchmarks jar only, rather than widening the
 * operator's API for a measurement. It calls exactly what {@code CatalogServer} calls per request:
 * {@code CatalogHandler.handle(CatalogRequest.of(method, rawPath, rawQuery))}.
 */
public final class CatalogBenchEntry {
  private final CatalogHandler handler;

  public CatalogBenchEntry(CatalogSource source, OwnerResolver resolver, TeamDirectory teams) {
    this.handler = new CatalogHandler(new Catalog(source, resolver, teams));
  }

  /** The status and body the catalog answers to {@code GET rawPath?rawQuery}. */
  public record Page(int status, byte[] body) {}

  public Page get(String rawPath, String rawQuery) {
    CatalogResponse response = handler.handle(CatalogRequest.of("GET", rawPath, rawQuery));
    return new Page(response.status(), response.body());
  }
}
