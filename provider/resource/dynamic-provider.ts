import type * as pulumi from "@pulumi/pulumi";

// This module's exports object is the provider Pulumi serializes into every resource's
// `__provider`. A module of an installed package serializes to one
// `require("pulumi-huaweicloud-scm/dynamic-provider")`, so the state stays small, holds no
// secret, and an upgrade of the package reaches resources without rewriting their state. Each
// call loads the implementation when it runs: a program that only declares resources never loads
// the SCM client.

type Provider = Required<pulumi.dynamic.ResourceProvider>;

let loaded: Provider | undefined;

function implementation(): Provider {
  // Kept once loaded: `require` resolves the path again on every call, and there is one per resource.
  loaded ??= require("./scm-exported-certificate-provider").scmExportedCertificateProvider as Provider;
  return loaded;
}

export const configure: Provider["configure"] = (req) => implementation().configure(req);
export const check: Provider["check"] = (olds, news) => implementation().check(olds, news);
export const diff: Provider["diff"] = (id, olds, news) => implementation().diff(id, olds, news);
export const create: Provider["create"] = (inputs) => implementation().create(inputs);
export const read: Provider["read"] = (id, props) => implementation().read(id, props);
export const update: Provider["update"] = (id, olds, news) => implementation().update(id, olds, news);
// `delete` is a reserved word, so the export is declared by name.
const deleteResource: Provider["delete"] = (id, props) => implementation().delete(id, props);

export { deleteResource as delete };
