/**
 * Colours: about forty canonical colours (lowercase English keys) with their Chinese and English
 * names and the shades sellers write, mapped onto the nearest one.
 *
 * Decisions: a trailing 色 never matters (红色 = 红). Light and dark shades that shoppers pick as a
 * colour of their own (浅灰 light grey, 深灰 dark grey, 浅蓝 light blue, 墨绿 dark green) are
 * canonical colours; tone words that are not (大红, 正红, 中国红) map onto the base colour.
 * 米白/奶白/象牙白 are cream; 米色/杏色 beige; 深蓝 is navy; 军绿 is olive; 如图 is "as pictured".
 */
import { COLOUR_HEADERS, COLOUR_WORDS, withWords } from "./languages.js";
import { dropSuffix } from "./normalize.js";
import { type AttributeSpec, entry } from "./types.js";

const values = [
  entry("black", "黑色", "", ["黑", "纯黑", "純黑", "炭黑", "碳黑", "曜石黑", "jet black"]),
  entry("white", "白色", "", ["白", "纯白", "純白", "漂白", "雪白", "pure white"]),
  entry("grey", "灰色", "", ["灰", "gray", "中灰", "烟灰", "煙灰", "麻灰", "花灰", "mid grey", "heather grey"]),
  entry("light grey", "浅灰色", "淺灰色", ["浅灰", "淺灰", "light gray", "银灰", "銀灰", "淡灰", "silver grey"]),
  entry("dark grey", "深灰色", "", ["深灰", "dark gray", "炭灰", "碳灰", "charcoal", "铁灰", "鐵灰"]),
  entry("red", "红色", "紅色", ["红", "紅", "大红", "大紅", "正红", "正紅", "中国红", "中國紅", "鲜红", "鮮紅"]),
  entry("burgundy", "酒红色", "酒紅色", ["酒红", "酒紅", "wine", "wine red", "枣红", "棗紅", "maroon", "暗红", "暗紅", "bordeaux"]),
  entry("pink", "粉色", "", ["粉", "粉红", "粉紅", "浅粉", "淺粉", "樱花粉", "櫻花粉", "light pink", "baby pink"]),
  entry("rose", "玫红色", "玫紅色", ["玫红", "玫紅", "玫瑰红", "玫瑰紅", "rose red", "hot pink", "fuchsia", "桃红", "桃紅"]),
  entry("coral", "珊瑚色", "", ["珊瑚红", "珊瑚紅", "珊瑚橙", "coral red"]),
  entry("orange", "橙色", "", ["橙", "橘色", "橘", "桔色", "桔", "橘红", "橘紅", "橘黄", "橘黃"]),
  entry("yellow", "黄色", "黃色", ["黄", "黃", "明黄", "明黃", "柠檬黄", "檸檬黃", "鹅黄", "鵝黃", "lemon yellow"]),
  entry("mustard", "姜黄色", "薑黃色", ["姜黄", "薑黃", "芥末黄", "芥末黃", "土黄", "土黃", "ginger"]),
  entry("gold", "金色", "", ["金", "golden", "香槟金", "香檳金"]),
  entry("champagne", "香槟色", "香檳色", ["香槟", "香檳"]),
  entry("rose gold", "玫瑰金", "", ["玫金"]),
  entry("silver", "银色", "銀色", ["银", "銀", "亮银", "亮銀"]),
  entry("green", "绿色", "綠色", ["绿", "綠", "草绿", "草綠", "翠绿", "翠綠", "果绿", "果綠"]),
  entry("light green", "浅绿色", "淺綠色", ["浅绿", "淺綠", "淡绿", "淡綠", "嫩绿", "嫩綠"]),
  entry("dark green", "墨绿色", "墨綠色", ["墨绿", "墨綠", "深绿", "深綠", "forest green", "bottle green"]),
  entry("olive", "军绿色", "軍綠色", ["军绿", "軍綠", "橄榄绿", "橄欖綠", "army green", "olive green"]),
  entry("mint", "薄荷绿", "薄荷綠", ["mint green", "薄荷"]),
  entry("teal", "青绿色", "青綠色", ["青绿", "青綠", "蓝绿", "藍綠", "孔雀绿", "孔雀綠", "松石绿", "松石綠", "turquoise"]),
  entry("cyan", "青色", "", ["青", "湖蓝", "湖藍", "aqua"]),
  entry("navy", "藏青色", "", ["藏青", "藏蓝", "藏藍", "海军蓝", "海軍藍", "深蓝", "深藍", "navy blue", "dark blue"]),
  entry("blue", "蓝色", "藍色", ["蓝", "藍", "中蓝", "中藍"]),
  entry("royal blue", "宝蓝色", "寶藍色", ["宝蓝", "寶藍", "克莱因蓝", "克萊因藍", "klein blue"]),
  entry("sky blue", "天蓝色", "天藍色", ["天蓝", "天藍"]),
  entry("light blue", "浅蓝色", "淺藍色", ["浅蓝", "淺藍", "淡蓝", "淡藍", "雾霾蓝", "霧霾藍", "baby blue"]),
  entry("purple", "紫色", "", ["紫", "violet", "深紫"]),
  entry("lavender", "淡紫色", "", ["淡紫", "浅紫", "淺紫", "香芋紫", "薰衣草紫", "light purple", "lilac"]),
  entry("brown", "棕色", "", ["棕", "咖啡色", "咖啡", "咖色", "咖", "啡色", "褐色", "褐", "coffee", "chocolate", "巧克力色"]),
  entry("camel", "驼色", "駝色", ["驼", "駝", "焦糖色", "焦糖", "caramel"]),
  entry("khaki", "卡其色", "", ["卡其"]),
  entry("beige", "米色", "", ["米", "米黄", "米黃", "燕麦色", "燕麥色", "燕麦", "燕麥", "oatmeal", "sand", "沙色"]),
  entry("apricot", "杏色", "", ["杏", "杏黄", "杏黃"]),
  entry("cream", "米白色", "", ["米白", "奶白", "乳白", "本白", "象牙白", "奶油色", "奶油白", "ivory", "off white", "off-white"]),
  entry("nude", "肤色", "膚色", ["裸色", "skin", "skin tone"]),
  entry("multicolour", "多色", "", ["彩色", "混色", "拼色", "撞色", "多彩", "multicolor", "multi", "multi-colour", "multi-color", "mixed"]),
  entry("transparent", "透明", "", ["透明色", "clear", "transparency"]),
  entry("as pictured", "如图", "如圖", [
    "如图色",
    "如圖色",
    "图片色",
    "圖片色",
    "图色",
    "同图",
    "同圖",
    "as shown",
    "as picture",
    "same as picture",
  ]),
];

const COLOUR_SUFFIXES = ["色", "色系"];

export const COLOUR: AttributeSpec = {
  name: "colour",
  labels: { en: "Colour", zh: "颜色", "zh-Hant": "顏色" },
  headers: [
    "颜色",
    "顏色",
    "色",
    "颜色分类",
    "顏色分類",
    "色彩",
    "色系",
    "主色",
    "colour",
    "color",
    "colours",
    "colors",
    "colour name",
    "color name",
    ...COLOUR_HEADERS,
  ],
  values: withWords(values, COLOUR_WORDS),
  ordered: false,
  keyOf: (key) => dropSuffix(key, COLOUR_SUFFIXES),
};
