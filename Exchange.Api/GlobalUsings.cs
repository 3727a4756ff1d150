// The contracts' schema attributes (TextAttribute, YuanAttribute, ...) are used in every slice's contracts.
global using Exchange.Api.Infrastructure.OpenApi;
