/**
 * Writes fixtures/exports/tmall/流量.xlsx: a 生意参谋 流量总览 download as the seller centre lays it
 * out (title rows with the shop and the date range above the header, one row per day).
 */
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";

const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet("流量总览");
ws.addRow(["店铺名称：某某旗舰店"]);
ws.addRow(["统计时间：2024-03-01~2024-03-03"]);
ws.addRow(["终端：所有终端"]);
ws.addRow(["统计日期", "访客数", "浏览量", "支付买家数", "支付转化率", "支付金额", "客单价"]);
ws.addRow(["2024-03-01", 1200, 3600, 24, "2.00%", 3096, 129]);
ws.addRow(["2024-03-02", 1000, 2900, 15, "1.50%", 1500, 100]);
ws.addRow(["2024-03-03", 800, 2000, 8, "1.00%", 720, 90]);
await wb.xlsx.writeFile(fileURLToPath(new URL("../fixtures/exports/tmall/流量.xlsx", import.meta.url)));
