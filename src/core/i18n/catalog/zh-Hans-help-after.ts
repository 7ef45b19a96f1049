import type { enHelpAfter } from "./en-help-after.js";

/** 命令帮助之后的说明、退出码和示例（简体）。键与 en-help-after.ts 一一对应；命令行保持原样。 */
export const zhHansHelpAfter: Record<keyof typeof enHelpAfter, string> = {
  "help.init.after":
    "\n示例：\n  $ merchops init                                           在终端中逐项提问\n  $ merchops init --store-name client --platform files --dir ./client-exports --timezone Asia/Shanghai --currency CNY\n  $ merchops init --store-name shop --platform shopify --address acme.myshopify.com --token-env SHOP_TOKEN --currency USD --timezone America/New_York\n  $ merchops init --store-name wc --platform woocommerce --address https://shop.example --key-env WC_KEY --secret-env WC_SECRET",
  "help.catalog.after":
    "\n示例：\n  $ merchops catalog import supplier.xlsx --dry-run   查看计划：将新建、更新、保持不变的商品\n  $ merchops catalog import supplier.xlsx --results results.xlsx\n  $ merchops catalog export -o catalog.csv",
  "help.catalog.import.after":
    '\n模式：upsert 新建新商品并更新已有商品（文件中没有的规格保留）；replace 还会删除文件中没有的规格；\ncreate 只新增；update 只修改；delete 删除列出的商品。商品先按 handle、再按 SKU 匹配；规格先按 SKU，\n（没有 SKU 的规格）再按规格值匹配，与 Shopify 的做法相同。\n\n规格值：每个规格保留店铺显示的值，并在旁边记下规范属性（"Bark Grey" -> 颜色 grey）。供应商表格显示\n规范值（加大码 -> XL）；Shopify 和 WooCommerce 导出保持原样（可用 --standardize 改变）。属性词典不认识的\n值会保留并给出警告（--strict-attributes 或 catalog.strictAttributes：视为错误）。\n\n示例：\n  $ merchops catalog import supplier.xlsx --dry-run              查看计划：将新建、更新、保持不变的商品\n  $ merchops catalog import supplier.xlsx --results results.xlsx\n  $ merchops catalog import shopify-export.csv --store shop --mode replace\n  $ merchops catalog import a.csv b.csv --max-errors 20          导入有效的商品，列出其余的（退出码 3）\n  $ merchops catalog import big.csv --resume                     Ctrl-C 或崩溃之后：从中断处继续\n  $ merchops catalog import odd-headers.csv --mapping map.yaml   map.yaml：  "货品名": title   "备注": ignore',
  "help.catalog.export.after":
    "\n示例：\n  $ merchops catalog export --out products.xlsx                    merchops 模板版式\n  $ merchops catalog export --to-format shopify --out shopify.csv  可直接用于 Shopify 商品导入\n  $ merchops catalog export --store wc --to-format woocommerce --out wc.csv --lang zh\n  $ merchops catalog export --to-format taobao --out taobao.csv     淘宝助理（UTF-16，制表符分隔，版本 1.00）\n  $ merchops catalog export -o - | head                            CSV 输出到标准输出",
  "help.orders.after":
    "\n示例：\n  $ merchops orders sync --store shop             上次同步以来新增和变更的订单（及退款）\n  $ merchops orders sync --store shop --since 2026-10-01",
  "help.orders.sync.after":
    "\n每次运行只读取上次以来的变化（书签按店铺保存在状态库中，并且只在订单保存之后才前移：被中断的运行\n不会丢数据）。远程店铺的 kpi report 和 returns audit 读取已同步的订单。\n\n示例：\n  $ merchops orders sync --store shop\n  $ merchops orders sync --store shop --since 2026-10-01        补齐十月的数据\n  $ 15 * * * *  cd /srv/merchops && npx merchops orders sync --store shop --quiet     （crontab：每小时）",
  "help.shipments.after":
    "\n示例：\n  $ merchops shipments import shipments.xlsx --dry-run\n  $ merchops shipments sync                        跟踪演示店铺的包裹，无需联网\n  $ merchops shipments status --wide               延误包裹，显示所有列",
  "help.shipments.import.after":
    "\n快递公司可以写中文或英文名称（顺丰、中通快递、SF Express、J&T），也可以写代码（sf、zto）。\n\n示例：\n  $ merchops templates copy shipments .                     发货单模板，带快递公司下拉列表\n  $ merchops shipments import 发货单.xlsx --dry-run\n  $ merchops shipments import dispatch.csv --store shop --results results.xlsx",
  "help.shipments.sync.after":
    "\n时效规则（配置 shipments.sla，可按快递公司和目的地区域设置）：面单打印后 N 小时内首次揽收扫描，发货后\nN 天内送达，N 小时没有扫描即视为停滞。默认：24 小时、5 天、48 小时。\n查询服务：couriers: '{' kuaidi100 | seventeen-track | aftership | sf-express | file: '{'...'}' '}'；有多个时，\n在 shipments.providers 下为各快递公司指定（'{' default: kuaidi100, sf: sf-express '}'）。\n\n示例：\n  $ merchops shipments sync                                  演示店铺的包裹，无需联网（file 查询服务）\n  $ merchops shipments sync --store shop --format xlsx --out delays.xlsx\n  $ merchops shipments sync --store shop --quiet --json --fail-on-breach     用于 cron：有包裹超时以退出码 4 退出",
  "help.shipments.status.after": "\n示例：\n  $ merchops shipments status\n  $ merchops shipments status --store shop --json",
  "help.prices.after":
    "\n示例：\n  $ merchops prices snapshot --query 连衣裙 --query 跑步鞋     演示店铺读取一个竞品表格，无需联网\n  $ merchops prices report                         我方价格处于什么位置，以及有哪些变化",
  "help.prices.snapshot.after":
    '\n来源配置在 prices.sources 下：shopify（店铺的联想搜索，否则公开的 /products.json）、woocommerce（公开的\nStore API）、spreadsheet（templates/competitors 表格）、json（任意接口，配合字段映射）、taobao、jd、pdd\n（淘宝联盟 / 京东联盟 / 多多进宝 推广接口：按销量前 10、优惠券、券后价；凭证写成 env:NAME，见 README）。\n\n退出码：0 所有来源都有响应；5 至少一个来源失败（平台报错，或重试后仍被限流）：快照仍会保存并输出\n其他来源的商品（部分结果）；2 某个来源被拒绝（未加 --allow-private 的私有地址，或来源配置有误）。\n\n示例：\n  $ merchops prices snapshot                        prices.mapping 下的每个搜索词（演示店铺映射了 4 个）\n  $ merchops prices snapshot --query "夏季连衣裙"\n  $ merchops prices snapshot --query 连衣裙 --query 跑步鞋 --query 羽绒服 --top 10\n  $ merchops prices snapshot --query "running shoes" --source rival --json\n  $ merchops prices snapshot --query 连衣裙 --allow-private          127.0.0.1 上的测试店铺\n  crontab（每周一 06:00）：  0 6 * * 1  cd /srv/shop && merchops prices snapshot --query 连衣裙 --query 跑步鞋 --quiet',
  "help.prices.report.after":
    "\n我方价格取自店铺的商品（--store，默认演示店铺）：先取 prices.mapping 中为该搜索词指定的商品，\n其次是与搜索词相同的 SKU，再次是标题最接近的商品（会显示匹配置信度）。\n\n示例：\n  $ merchops prices report\n  $ merchops prices report --query 跑步鞋 --json\n  $ merchops prices report --since 2026-11-01 --format html --out prices.html     每个搜索词一张价格走势图\n  $ merchops prices report --format xlsx --out prices.xlsx                        工作表：汇总、价格变化、竞品商品",
  "help.kpi.after":
    "\n示例：\n  $ merchops kpi report                            默认店铺昨天的指标，以表格显示\n  $ merchops kpi report --period last-7-days --format html --out kpi.html\n  $ merchops kpi report --quiet --json --fail-on-breach    用于 cron：有指标超阈值时以退出码 4 退出并输出一行",
  "help.kpi.report.after":
    "\n示例：\n  $ merchops kpi report                                   默认店铺昨天的指标，以表格显示\n  $ merchops kpi report --period last-7-days --format html --out kpi.html\n  $ merchops kpi report --store client --period 2026-10-01..2026-10-31 --format xlsx --out october.xlsx\n  $ merchops kpi report --json --fail-on-breach --quiet  用于 cron：JSON 输出到标准输出，超阈值时退出码为 4\n  $ merchops kpi report --explain                         附上每个指标的公式和日期口径",
  "help.digest.after":
    "\n退出码：0 没有新问题；4 有新问题（超阈值）；5 某个渠道发送失败（其他渠道仍已发送）。\n退出码 5 之后再运行一次（如 cron 重试）：只发给还没收到的渠道，并补上它们错过的内容。\n\n示例：\n  $ merchops digest                                        默认店铺，以表格显示\n  $ merchops digest --store shop --store client --format html --out digest.html\n  $ merchops digest --store client --notify team --quiet   用于 cron：每个店铺一行",
  "help.returns.after":
    "\n示例：\n  $ merchops returns audit                         近 90 天，按 SKU\n  $ merchops returns audit --by courier            shipments sync 之后：按快递公司的退货率\n  $ merchops returns audit --quiet --json --fail-on-breach",
  "help.returns.audit.after":
    "\n示例：\n  $ merchops returns audit                                      默认店铺近 90 天，按 SKU\n  $ merchops returns audit --by size --period last-month\n  $ merchops returns audit --store client --format xlsx --out audit.xlsx    工作表：汇总、按 SKU、按尺码、按原因、问题\n  $ merchops returns audit --basis period --threshold 10% --min-units 50\n  $ merchops returns audit --json --fail-on-breach --quiet      用于 cron：有 SKU 高于阈值时以退出码 4 退出",
  "help.adapters.after":
    "\n示例：\n  $ merchops adapters list                         所有适配器及其能力\n  $ merchops adapters check --store shop           检查店铺的凭证、权限和连通性",
  "help.adapters.list.after": "\n示例：\n  $ merchops adapters list\n  $ merchops adapters list --json",
  "help.adapters.check.after":
    "\n检查的每个店铺都可用时退出码为 0；有店铺无法连通、凭证被拒或缺少某个命令所需的权限时为 5。授予的权限\n超出 merchops 所需时会给出警告：令牌只授予它的任务需要的权限。\n\n示例：\n  $ merchops adapters check\n  $ merchops adapters check shop --json",
  "help.files.after": "\n示例：\n  $ merchops files inspect ./client-exports       每个文件是哪个数据集，读取哪些列",
  "help.files.inspect.after":
    "\n有文件无法作为任何数据集读取时退出码为 3。加上 --store 时，会应用配置中该店铺的列映射。\n\n示例：\n  $ merchops files inspect ./client-exports\n  $ merchops files inspect ./client-exports/orders_export_1.csv --json",
  "help.templates.after": "\n示例：\n  $ merchops templates list\n  $ merchops templates copy catalog .",
  "help.templates.list.after": "\n示例：\n  $ merchops templates list",
  "help.templates.copy.after":
    "\n示例：\n  $ merchops templates copy files-store-zh ./client-exports\n  $ merchops templates copy files-store",
  "help.state.after":
    "\n状态库默认是一个 SQLite 文件（.merchops/state.db）。团队模式把它放在 PostgreSQL 上：\n  state: postgres://merchops@db.internal:5432/merchops?password=env:MERCHOPS_PG_PASSWORD&sslmode=verify-full\n写在 merchops.config.yaml 中，或用 MERCHOPS_STATE / --state。见 README 的 “Team mode” 一节。",
  "help.state.migrate.after":
    "\n升级 merchops 后在一台机器上运行一次：另一台机器同时运行时会等待第一台（迁移锁），之后发现无事可做。\n在它运行之前，merchops 拒绝使用版本落后的 PostgreSQL 状态库（退出码 2，并提示这条命令）。",
  "help.state.copy.after":
    '\n每张表在一个事务中复制，并通过从目标读回的行数和校验和核对。中途停止（Ctrl-C、连接断开）后，再次运行\n同一命令：它会从第一张未完成的表继续。复制期间请暂停 cron 任务。\n\n示例：\n  $ merchops state copy --from .merchops/state.db --to "postgres://merchops@db:5432/merchops?password=env:PGPW"\n  $ merchops state copy --from "postgres://merchops@db/merchops" --to backup/state.db',
  "help.extra.choices": "可选值：{values}",
  "help.extra.default": "默认：{value}",
  "help.extra.preset": "预设：{value}",
  "help.extra.env": "环境变量：{name}",
  "help.extra.sep": "；",
  "help.extra.list_sep": "、",
  "help.extra.wrap": "（{extras}）",
  "help.program.examples":
    "  $ merchops kpi report                                  演示店铺昨天的经营指标\n  $ merchops kpi report --period last-7-days --format html --out kpi.html\n  $ merchops adapters list",
};
