// biome-ignore-all lint/suspicious/noExplicitAny: Pulumi's generated gRPC stubs and messages are untyped JavaScript.
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Props, ProviderHost } from "./provider-host";

/**
 * A provider plugin's executable, started as the engine starts it and called over gRPC with the
 * engine's messages: every call a {@link ProviderHost} makes, and those only a plugin answers.
 */
export class PluginHost extends ProviderHost {
  /**
   * Starts a provider plugin's executable as the engine starts it, with this environment, in
   * `home`, its home folder too (where no shared config file of the developer's is found).
   */
  static async startPlugin(
    executable: string,
    home: string,
    env: NodeJS.ProcessEnv = {},
  ): Promise<PluginHost> {
    const load = createRequire(join(__dirname, "..", "package.json"));
    return (await PluginHost.launch(
      { load, fromPulumi: load },
      { command: executable, args: [], home },
      env,
    )) as PluginHost;
  }

  /** `CheckConfig` of the provider resource `urn`: its config as the engine will store it. */
  checkConfig(
    urn: string,
    olds: Props,
    news: Props,
  ): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    return this.checkWith("checkConfig", urn, olds, news);
  }

  /**
   * `Diff` with the stored inputs too (a provider plugin gets them), and the properties the
   * answer names as changed, each with its kind (`UPDATE`, `ADD_REPLACE`, ...).
   */
  async diffInDetail(
    urn: string,
    id: string,
    olds: Props,
    oldInputs: Props,
    news: Props,
  ): Promise<{ changes: "none" | "some" | "unknown"; replaces: string[]; detailed: Record<string, string> }> {
    const request = new this.proto.DiffRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(this.struct(olds));
    request.setOldInputs(this.struct(oldInputs));
    request.setNews(this.struct(news));
    const response = await this.call("diff", request);
    const changes = response.getChanges();
    const kinds = this.proto.DiffResponse.DiffChanges;
    const kindNames = Object.fromEntries(
      Object.entries(this.proto.PropertyDiff.Kind).map(([name, value]) => [value, name]),
    );
    const detailed: Record<string, string> = {};
    response.getDetaileddiffMap().forEach((diff: any, key: string) => {
      detailed[key] = kindNames[diff.getKind()] as string;
    });
    return {
      changes: changes === kinds.DIFF_SOME ? "some" : changes === kinds.DIFF_NONE ? "none" : "unknown",
      replaces: response.getReplacesList(),
      detailed,
    };
  }

  /** `Read` as `pulumi import` calls it, by id alone: the outputs, and the inputs that declare the resource. */
  async readForImport(urn: string, id: string): Promise<{ id: string; outputs: Props; inputs: Props }> {
    const request = new this.proto.ReadRequest();
    request.setUrn(urn);
    request.setId(id);
    const response = await this.call("read", request);
    return {
      id: response.getId(),
      outputs: response.getProperties()?.toJavaScript() ?? {},
      inputs: response.getInputs()?.toJavaScript() ?? {},
    };
  }

  /** `Invoke` of the function `token`: what it returns, or the arguments it refuses. */
  async invoke(
    token: string,
    args: Props,
  ): Promise<{ outputs: Props; failures: { property: string; reason: string }[] }> {
    const request = new this.proto.InvokeRequest();
    request.setTok(token);
    request.setArgs(this.struct(args));
    const response = await this.call("invoke", request);
    return {
      outputs: response.getReturn()?.toJavaScript() ?? {},
      failures: response
        .getFailuresList()
        .map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  /** `GetSchema`: the package's schema, as text. */
  async schema(): Promise<string> {
    const response = await this.call("getSchema", new this.proto.GetSchemaRequest());
    return response.getSchema();
  }
}

/** The URN the engine gives the plugin's default provider in a stack. */
export function pluginProviderUrnOf(version: string, stack = "dev", project = "scm-test"): string {
  return `urn:pulumi:${stack}::${project}::pulumi:providers:huaweicloud-scm::default_${version.replaceAll(".", "_")}`;
}

/** The URN the engine gives a resource of the plugin's type. */
export function pluginUrnOf(name: string, stack = "dev", project = "scm-test"): string {
  return `urn:pulumi:${stack}::${project}::huaweicloud-scm:index:ScmExportedCertificate::${name}`;
}
