import { describe, expect, it } from "vitest";
import { nearestName } from "../../provider/plugin/nearest-name";

const SETTINGS = ["token", "region", "endpoints", "requestTimeout", "maxRetries", "allowHttp"];

describe("the name a misspelling was meant to be", () => {
  it.each([
    ["regoin", "region"],
    ["regio", "region"],
    ["REGION", "region"],
    ["endpoint", "endpoints"],
    ["requestTimout", "requestTimeout"],
    ["maxRetires", "maxRetries"],
    ["allowHTTP", "allowHttp"],
  ])("%s is %s", (name, meant) => {
    expect(nearestName(name, SETTINGS)).toBe(meant);
  });

  it.each(["scmEndpoint", "proxy", "tok", "regionName", "x"])("%s is none of them", (name) => {
    expect(nearestName(name, SETTINGS)).toBeUndefined();
  });
});
