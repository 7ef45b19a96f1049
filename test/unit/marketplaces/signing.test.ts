/**
 * Signing vectors from the platforms' documentation (each named), so our signer is checked against
 * values computed by the platform, not by us.
 */
import { describe, expect, it } from "vitest";
import { chinaTimestamp, md5Wrapped, sortedConcat, topSign } from "../../../src/adapters/marketplaces/signing.js";

describe("Taobao TOP signing", () => {
  // open.taobao.com/doc.htm?docId=101617&docType=1 (签名算法), secret "helloworld"; the same vector is
  // asserted by public SDK tests (e.g. a Python TOP client's test_sign, an Elixir client's md5_sign test).
  const params = {
    method: "taobao.item.seller.get",
    app_key: "12345678",
    session: "test",
    timestamp: "2016-01-01 12:00:00",
    format: "json",
    v: "2.0",
    sign_method: "md5",
    fields: "num_iid,title,nick,price,num",
    num_iid: "11223344",
  };

  it("md5: the documented example", () => {
    expect(sortedConcat(params)).toBe(
      "app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.getnum_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0",
    );
    expect(topSign("helloworld", params, "md5")).toBe("66987CB115214E59E6EC978214934FB8");
  });

  it("sign itself and undefined values take no part", () => {
    expect(topSign("helloworld", { ...params, sign: "X", adzone_id: undefined }, "md5")).toBe("66987CB115214E59E6EC978214934FB8");
  });

  it("hmac: HMAC-MD5 of the concatenation (RFC 2202 test case 1 as parameters {Hi: ' There'})", () => {
    expect(topSign("\x0b".repeat(16), { Hi: " There" }, "hmac")).toBe("9294727A3638BB1C13F48EF8158BFC9D");
  });

  it("hmac-sha256: RFC 4231 test case 1 as parameters {Hi: ' There'}", () => {
    expect(topSign("\x0b".repeat(20), { Hi: " There" }, "hmac-sha256")).toBe(
      "B0344C61D8DB38535CA8AFCEAF0BF12B881DC200C9833DA726E9376C2E32CFF7",
    );
  });
});

describe("JD JOS signing", () => {
  // open.jd.com/v2/#/doc/dev-guide?listId=2643 (签名规则) example: secret "yourappSecret".
  it("the documented example (360buy_param_json sorts first)", () => {
    const params = {
      "360buy_param_json":
        '{"end_date":null,"optional_fields":null,"order_state":"WAIT_SELLER_STOCK_OUT","page":"1","page_size":"200","start_date":null}',
      access_token: "yourtoken",
      app_key: "yourappkey",
      method: "jingdong.pop.order.search",
      timestamp: "2021-05-07 09:20:39.683+0800",
      v: "2.0",
    };
    expect(md5Wrapped("yourappSecret", params)).toBe("D70825340F4084360B9362B60DFD7930");
  });
});

describe("Pinduoduo signing", () => {
  // open.pinduoduo.com/application/document/browse?idStr=8EC06C399636041E (签名算法), client_secret "testSecret".
  it("the documented example", () => {
    const params = {
      access_token: "asd78172s8ds9a921j9qqwda12312w1w21211",
      client_id: "1",
      data_type: "XML",
      order_status: "1",
      page: "1",
      page_size: "10",
      timestamp: "1480411125",
      type: "pdd.order.number.list.get",
    };
    expect(md5Wrapped("testSecret", params)).toBe("E4DE3ED21002510DED352819E7AE6775");
  });
});

describe("chinaTimestamp", () => {
  it("is GMT+8 wall-clock time", () => {
    expect(chinaTimestamp(new Date("2016-01-01T04:00:00Z"))).toBe("2016-01-01 12:00:00");
    expect(chinaTimestamp(new Date("2026-12-31T20:30:05Z"))).toBe("2027-01-01 04:30:05");
  });
});
