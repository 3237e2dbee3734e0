"""Common Chinese surnames, to tell a name in running text (`记者王明表示`) from prose (`记者梳理发现`).

About 300 of the most common single surnames and the usual compound ones, in simplified and
traditional script. Only names read from running text with no label punctuation are checked
against this list; a labelled credit (`作者：春春`) may carry any pen name.
"""

from __future__ import annotations

_SINGLE = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱丘江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟"
    "邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井"
    "祖漆巴丰支卿狄计索宣晋初门云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危玉"
    "银亢嵇湛宾戎勾茅居揭尉斯元束檀衣展阴智幸奉植衡富尧洪赖明时国相和"
)
# Traditional forms of the surnames above that are written differently.
_TRADITIONAL = (
    "張劉陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蕭蔣葉蘇呂盧鍾鐘譚陸賈韋鄒閆閻龍賀顧龔萬錢嚴湯溫齊喬龐顏莊聶魯歐關蘭"
    "寧紀畢單塗駱藍鮑華饒陽農繆簡車項連蘆麥婁竇黨費衛應閔鄔邊師欒榮叢鞏遲鄺談荊樂鬱儲勞諶藺樓盤滿聞厲區闞"
    "權強帥蓋練豐計晉門雲闕烏況鮮諸戰銀賓陰堯賴時國"
)
_COMPOUND = (
    "欧阳 歐陽 司马 司馬 上官 诸葛 諸葛 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 慕容 长孙 長孫 宇文 司徒 夏侯 轩辕 "
    "軒轅 令狐 独孤 獨孤 端木 南宫 西门 西門 百里 呼延 澹台 澹臺 申屠 钟离 鍾離 闻人 聞人 赫连 赫連 拓跋 司空"
).split()

SINGLE_SURNAMES = frozenset(_SINGLE + _TRADITIONAL)
COMPOUND_SURNAMES = frozenset(_COMPOUND)


def looks_like_han_name(word: str) -> bool:
    """`王明` / `欧阳晓晨` / `黃信維`: a common surname, then a given name of one or two characters."""
    if "·" in word:
        return len(word) >= 3  # a transliterated name (`阿卜杜拉·艾买提`)
    if word[:2] in COMPOUND_SURNAMES and 3 <= len(word) <= 4:
        return True
    return word[:1] in SINGLE_SURNAMES and 2 <= len(word) <= 3
