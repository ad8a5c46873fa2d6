import type * as pulumi from "@pulumi/pulumi";

// This module's exports object is the provider Pulumi serializes into every resource's
// `__provider`. A module of an installed package serializes to one
// `require("pulumi-huaweicloud-scm/dynamic-provider")`, so the state stays small, holds no
// secret, and an upgrade of the package reaches resources without rewriting their state. The
// implementation loads when a call needs it: a program that only declares resources never loads it.

type Provider = Required<pulumi.dynamic.ResourceProvider>;

/** The stack config the engine gave, kept until the implementation loads. */
let configuration: pulumi.dynamic.ConfigureRequest | undefined;
let loading: Promise<Provider> | undefined;

/**
 * The implementation, loaded by the first call that needs it and kept. `configure` alone loads
 * nothing: the engine starts hosts that are configured and then asked nothing (a refresh does).
 */
function implementation(): Promise<Provider> {
  loading ??= (async () => {
    const provider = require("./scm-exported-certificate-provider")
      .scmExportedCertificateProvider as Provider;
    if (configuration) await provider.configure(configuration);
    return provider;
  })();
  return loading;
}

export const configure: Provider["configure"] = async (req) => {
  configuration = req;
  if (loading) await (await loading).configure(req);
};
export const check: Provider["check"] = async (olds, news) => (await implementation()).check(olds, news);
export const diff: Provider["diff"] = async (id, olds, news) => (await implementation()).diff(id, olds, news);
export const create: Provider["create"] = async (inputs) => (await implementation()).create(inputs);
export const read: Provider["read"] = async (id, props) => (await implementation()).read(id, props);
export const update: Provider["update"] = async (id, olds, news) =>
  (await implementation()).update(id, olds, news);
// `delete` is a reserved word, so the export is declared by name.
const deleteResource: Provider["delete"] = async (id, props) => (await implementation()).delete(id, props);

export { deleteResource as delete };
