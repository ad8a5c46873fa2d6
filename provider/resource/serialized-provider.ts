import type * as pulumi from "@pulumi/pulumi";

// This object is what Pulumi serializes into every resource's `__provider`. It captures nothing
// but the package name: each method loads the implementation from the installed package when it
// runs, so the state stays small, holds no secret, and an upgrade of the package reaches resources
// without rewriting their state. It must not reference imports: the serializer would embed them.

function implementation(): pulumi.dynamic.ResourceProvider {
  try {
    // The name, not a path: a deep path is not in the package's `exports` map.
    return require("pulumi-huaweicloud-scm").scmExportedCertificateProvider;
  } catch (error) {
    // The quick-start project runs from the package's own folder, where it is not in node_modules.
    let ownFolder = false;
    try {
      ownFolder = require(`${process.cwd()}/package.json`).name === "pulumi-huaweicloud-scm";
    } catch {
      // No package.json here: not the package's folder.
    }
    if (!ownFolder) throw error;
    return require(process.cwd()).scmExportedCertificateProvider;
  }
}

type Provider = Required<pulumi.dynamic.ResourceProvider>;

/** The serialized face of {@link scmExportedCertificateProvider}. */
export const serializedProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => (implementation() as Provider).configure(req),
  check: (olds, news) => (implementation() as Provider).check(olds, news),
  diff: (id, olds, news) => (implementation() as Provider).diff(id, olds, news),
  create: (inputs) => implementation().create(inputs),
  read: (id, props) => (implementation() as Provider).read(id, props),
  update: (id, olds, news) => (implementation() as Provider).update(id, olds, news),
  delete: (id, props) => (implementation() as Provider).delete(id, props),
};
