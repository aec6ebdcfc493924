import { describe, expect, it } from "vitest";
import { isPublicAddress } from "../../../app/net/public-address.ts";

describe("which addresses are on the public internet", () => {
  it("takes public IPv4 and IPv6 addresses", () => {
    for (const address of ["8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:1.1.1.1"])
      expect(isPublicAddress(address), address).toBe(true);
  });

  it("refuses loopback, private, link-local, carrier NAT, reserved and multicast ranges, however written", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fd12:3456::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:192.168.0.10",
    ])
      expect(isPublicAddress(address), address).toBe(false);
  });

  it("refuses what is not an address at all", () => {
    expect(isPublicAddress("localhost")).toBe(false);
    expect(isPublicAddress("")).toBe(false);
  });
});
