/**
 * The signer against the worked examples of the Amazon S3 API reference ("Signature
 * Calculations for the Authorization Header: Transferring Payload in a Single Chunk"):
 * GET Object with a range, PUT Object with a storage class, and GET Bucket with a query.
 */
import { describe, expect, it } from "vitest";
import { EMPTY_PAYLOAD_HASH, sha256Hex, signRequest, uriEncode } from "./sigv4";

const credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  service: "s3",
};
const date = new Date("2013-05-24T00:00:00Z");

describe("signRequest (AWS Signature Version 4)", () => {
  it("signs the documented GET Object example", () => {
    const signed = signRequest(
      {
        method: "GET",
        url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
        headers: { Range: "bytes=0-9" },
        payloadHash: EMPTY_PAYLOAD_HASH,
        date,
      },
      credentials,
    );
    expect(signed.canonicalRequest).toBe(
      [
        "GET",
        "/test.txt",
        "",
        "host:examplebucket.s3.amazonaws.com",
        "range:bytes=0-9",
        "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date:20130524T000000Z",
        "",
        "host;range;x-amz-content-sha256;x-amz-date",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      ].join("\n"),
    );
    expect(signed.stringToSign.split("\n").at(-1)).toBe(
      "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
    );
    expect(signed.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    expect(signed.headers).not.toHaveProperty("host");
    expect(signed.headers["x-amz-date"]).toBe("20130524T000000Z");
  });

  it("signs the documented PUT Object example, encoding the key", () => {
    const body = "Welcome to Amazon S3.";
    const payloadHash = sha256Hex(body);
    expect(payloadHash).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const signed = signRequest(
      {
        method: "PUT",
        url: new URL("https://examplebucket.s3.amazonaws.com/test$file.text"),
        headers: { Date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
        payloadHash,
        date,
      },
      credentials,
    );
    expect(signed.canonicalRequest.split("\n")[1]).toBe("/test%24file.text");
    expect(signed.stringToSign.split("\n").at(-1)).toBe(
      "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
    );
    expect(signed.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
    );
  });

  it("signs the documented GET Bucket example, sorting the query", () => {
    const signed = signRequest(
      {
        method: "GET",
        url: new URL("https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2"),
        payloadHash: EMPTY_PAYLOAD_HASH,
        date,
      },
      credentials,
    );
    expect(signed.canonicalRequest.split("\n")[2]).toBe("max-keys=2&prefix=J");
    expect(signed.headers.authorization).toMatch(
      /Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/,
    );
  });

  it("changes the signature when anything signed changes", () => {
    const base = {
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      payloadHash: EMPTY_PAYLOAD_HASH,
      date,
    };
    const original = signRequest(base, credentials).headers.authorization;
    expect(signRequest({ ...base, method: "DELETE" }, credentials).headers.authorization).not.toBe(original);
    expect(signRequest(base, { ...credentials, region: "eu-west-1" }).headers.authorization).not.toBe(original);
    expect(signRequest(base, { ...credentials, secretAccessKey: "another" }).headers.authorization).not.toBe(original);
  });

  it("encodes as RFC 3986 asks", () => {
    expect(uriEncode("a b*(')!~._-")).toBe("a%20b%2A%28%27%29%21~._-");
  });
});
