"""HTML for a gmw-shaped site: channel listings and the two article templates (2024, 2017).

The markup follows the structure of real gmw.cn pages (class names, ids, where the 责编 line
and the pager sit, the share/vote/related/recommend widgets around the text); every word of
text comes from the caller. Pure string building, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

# Channel bar printed on every page: links the spider must never follow.
NAV = (
    ("http://politics.gmw.cn/", "时政"), ("http://world.gmw.cn/", "国际"), ("http://guancha.gmw.cn/", "时评"),
    ("http://tech.gmw.cn/", "科技"), ("http://edu.gmw.cn/", "教育"), ("http://www.gmw.cn/map.htm", "更多"),
)


@dataclass
class Link:
    href: str
    text: str
    date: str = ""


@dataclass
class ArticlePage:
    """Everything printed on one page of an article."""

    layout: str  # "2024" or "2017"
    article_id: int
    headline: str
    source: str
    time: str  # as printed, e.g. "2024-05-13 08:49"
    channel: str  # breadcrumb: channel name, e.g. 新闻频道
    node: str  # breadcrumb: column name, e.g. 国内
    node_href: str  # relative link to the column listing
    paragraphs: list[str]
    editors: list[str]
    author: str = ""  # 2017 layout: the 作者 span
    images: list[str] = field(default_factory=list)  # relative image URLs put before the text
    pager: list[Link] = field(default_factory=list)  # multi-page: one link per page, current one has href ""
    sidebar: list[Link] = field(default_factory=list)  # 视觉焦点 / 推荐阅读 links (other articles)


def _a(link: Link) -> str:
    return f'<a href="{escape(link.href)}" target="_blank">{escape(link.text)}</a>'


def _nav() -> str:
    items = "".join(f"<li><a href=\"{href}\" target=\"_blank\">{name}</a></li>" for href, name in NAV)
    return f'<div class="m-channel-nav"><ul class="m-nav">{items}</ul></div>'


def _pager(links: list[Link]) -> str:
    """gmw pager (`#displaypagenum`), used by listings and multi-page articles alike."""
    if not links:
        return ""
    parts = []
    for link in links:
        parts.append(f"<span>{escape(link.text)}</span>" if not link.href else _a(link).replace(' target="_blank"', ""))
    return f'<div id="displaypagenum"><center>{" ".join(parts)}</center></div>'


def _paragraphs(page: ArticlePage) -> str:
    imgs = "".join(f'<p style="text-align: center;"><img src="{escape(src)}" border="0"></p>' for src in page.images)
    text = "\n".join(f"<p>\u3000\u3000{escape(p)}</p>" for p in page.paragraphs)
    return imgs + text


def _enp(page: ArticlePage) -> str:
    return (
        f"<!--enpproperty <articleid>{page.article_id}</articleid><date>{page.time}:00.0</date>"
        f"<author></author><title>{escape(page.headline)}</title><nodename>{escape(page.node)}</nodename>"
        "/enpproperty-->"
    )


def _sidebar_2024(links: list[Link]) -> str:
    half = len(links) // 2
    focus = "".join(f"<li><div class=\"m-img\">{_a(x)}</div><p>{escape(x.text)}</p></li>" for x in links[:half])
    recommend = "".join(f"<li>{_a(x)}<span>{escape(x.date)}</span></li>" for x in links[half:])
    return (
        '<div class="m-r-main no-Mobile">'
        f'<div class="m-eyecatcher" id="m-eyecatcher"><h2>视觉焦点</h2><ul>{focus}</ul></div>'
        '<div class="m-plan"><h2>独家策划</h2><ul><li><a href="http://topics.gmw.cn/">专题</a></li></ul></div>'
        f'<div class="m-recommend"><h2>推荐阅读</h2><ul>{recommend}</ul></div>'
        "</div>"
    )


_SHARE_TIPS = (
    '<div class="g-wxTips"><div class="m-wxtop-tip"><p class="m-tipText">点击右上角<img src="iconshare.png">微信好友</p>'
    '<p class="m-tipText"><img src="pengyouquan.png">朋友圈</p></div>'
    '<div class="m-wxdown-tip"><p class="m-tipText">请使用浏览器分享功能进行分享</p></div></div>'
)

_MOOD = (
    '<div class="m-motion-wrap" id="motionsDiv"><div class="m-motion-hd"><h2>您此时的心情</h2>'
    '<div class="m-gm-vote"><img src="yuntoulogo.png" alt="光明云投"></div>'
    '<span class="u-motion-title">新闻表情排行</span> <a href="#">日</a>/<a href="#">周</a></div>'
    '<ul><li><div class="u-motion">开心</div><div class="hits">0</div></li>'
    '<li><div class="u-motion">难过</div><div class="hits">0</div></li>'
    '<li><div class="u-motion">点赞</div><div class="hits">0</div></li>'
    '<li><div class="u-motion">飘过</div><div class="hits">0</div></li></ul></div>'
)


def article_2024(page: ArticlePage) -> str:
    editors = "、".join(page.editors)
    liability = (
        '<div class="m-zbTool liability"><span>[ </span>'
        f'<span class="liability">责编：{escape(editors)}</span><span> ]</span></div>'
        if editors else ""
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(page.headline)}_光明网</title></head>
<body class="g-mobile">
{_SHARE_TIPS}
<div class="g-header"><div class="m-logo"><a href="../../"><img src="logo.gif" alt="{escape(page.channel)}"></a></div>
{_nav()}
<div class="u-reading">正在阅读：{escape(page.headline)}</div></div>
<div class="g-crumbs"><a href="http://www.gmw.cn/">首页</a><font>&gt; </font><a href="../../"><img src="logo.gif"></a><a href="../../" target="_blank">{escape(page.channel)}</a><font>&gt; </font><a href="{escape(page.node_href)}" target="_blank">{escape(page.node)}</a><font>&gt; </font><font>正文</font></div>
<div class="g-main">
<div class="m-title-box"><h1 class="u-title">
    {escape(page.headline)}
</h1>
<div class="m-con-info"><div class="m_tips"><span class="m-con-source">来源：<a href="http://www.gmw.cn/" target="_blank">{escape(page.source)}</a></span><span class="m-con-time">{page.time}</span></div>
<div class="m-share"><div class="share" id="share"><a class="share-qqzone"></a><a class="share-wechat"><div class="qrcode"></div></a><a class="share-weibo"></a></div></div></div></div>
<div class="m-l-main"><div id="articleBox" class="con-text"><div id="article_inbox">
<div class="m-player_box" id="video"></div>
<div id="MultiAttachPh" style="display: none"></div>
<div class="u-mainText">
{_enp(page)}<!--enpcontent-->{_paragraphs(page)}<!--/enpcontent-->
{_pager(page.pager)}
{liability}
</div>
<div class="u-moreText">阅读剩余全文（<span class="u-percent"></span>）</div>
</div></div>
<div class="u-QRcode"><img src="qrcodes.jpg"></div>
<div class="m-relRead"><h2>相关阅读</h2><ul class="relReadUl"><li class="rRArticle"><a href="javascript:;"></a></li></ul></div>
{_MOOD}
</div>
{_sidebar_2024(page.sidebar)}
</div>
<div class="g-footer"><p>光明网版权所有</p></div>
</body></html>
"""


def article_2017(page: ArticlePage) -> str:
    editors = "、".join(page.editors)
    liability = f'<div id="contentLiability">[责任编辑:{escape(editors)}]</div>' if editors else ""
    related = "".join(f"<li>{_a(x)}</li>" for x in page.sidebar)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{escape(page.headline)}_光明网</title></head>
<body>
<div class="noMobile"><div id="channelHead"><a title="光明网" href="http://www.gmw.cn/"><img id="GMWlogo" src="Logo.png"></a></div>
<div class="navBg"><div class="channelNav">{_nav()}</div></div></div>
<div class="contentWrapper"><div class="contentLeft">
<div id="contentBreadcrumbs2" class="black12"><a href="../../"><img src="logo.gif" id="ArticleChannelID"></a><a href="http://www.gmw.cn/" target="_blank">首页</a>
<font>&gt; </font><a href="../../" target="_blank">{escape(page.channel)}</a>
<font>&gt; </font><a href="{escape(page.node_href)}" target="_blank">{escape(page.node)}</a>
<font>&gt; </font><font>正文</font></div>
<h1 id="articleTitle">{escape(page.headline)}</h1>
<div id="contentMsg"><span id="pubTime">{page.time}</span>\u3000<span id="source">来源：<a href="http://www.gmw.cn/" target="_blank">{escape(page.source)}</a></span>\u3000<span id="author">{escape(page.author)}</span></div>
<div id="contentMsg_baidu" style="height:0px; overflow:hidden;"><span id="pubtime_baidu">{page.time}:00</span><span id="editor_baidu">责任编辑：{escape(editors)}</span></div>
<div id="contentMain">
{_enp(page)}
<!--enpcontent-->{_paragraphs(page)}<!--/enpcontent-->
{_pager(page.pager)}
{liability}
<div style="clear: both;"></div>
</div>
<div><img src="content_650x120_qrcodes.jpg" width="650"></div>
<div class="contentColumnLeft"><div class="bshare-custom"><a title="分享到QQ空间" class="bshare-qzone"></a><a title="分享到微信" class="bshare-weixin"></a><span class="bshareText">分享</span></div></div>
<div id="copyrightClarify"><span class="red14b">版权声明：</span><span class="black14">转载须经版权人书面授权并注明来源</span></div>
<div id="motionsDiv"><div id="mood_title">您此时的心情</div><div class="mood_item">开心 0</div><div class="mood_item">难过 0</div></div>
<div class="contentRelatedArea"><h3>相关阅读</h3><ul>{related}</ul></div>
</div>
<div class="contentRight"><div class="picFocus"><h3>视觉焦点</h3></div><div class="plan"><h3>独家策划</h3></div><div class="recommend"><h3>推荐阅读</h3></div></div>
</div>
</body></html>
"""


@dataclass
class ListingPage:
    title: str  # column name, e.g. 国内
    channel: str
    items: list[Link]  # the main list, in page order
    pager: list[Link]
    nav_articles: list[Link] = field(default_factory=list)  # headline links in the header bar
    sidebar: list[Link] = field(default_factory=list)  # 推荐 / 最热 boxes


def listing(page: ListingPage) -> str:
    items = "\n".join(
        f'<li><span class="channel-newsTitle">{_a(x)}</span><span class="channel-newsTime">{escape(x.date)}</span></li>'
        for x in page.items
    )
    tops = "".join(f"<li>{_a(x)}</li>" for x in page.nav_articles)
    half = len(page.sidebar) // 2
    recommend = "".join(f"<li>{_a(x)}</li>" for x in page.sidebar[:half])
    hot = "".join(f"<li><div>{_a(x)}</div></li>" for x in page.sidebar[half:])
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(page.title)}_{escape(page.channel)}_光明网</title></head>
<body>
<div class="g-header">{_nav()}<ul class="m-topNews">{tops}</ul></div>
<div class="g-crumbs"><a href="http://www.gmw.cn/">首页</a><font>&gt; </font><a href="./">{escape(page.channel)}</a><font>&gt; </font><font>{escape(page.title)}</font></div>
<div class="channelLeftPart">
<div class="channel-title"><h2>{escape(page.title)}</h2></div>
<ul class="channel-newsGroup">
{items}
</ul>
{_pager(page.pager)}
</div>
<div class="channelRightPart">
<div class="m-recommend"><h2>推荐阅读</h2><ul>{recommend}</ul></div>
<div class="m-hotArticle"><h2>最热文章</h2><ul>{hot}</ul></div>
</div>
<div class="g-footer"><p>光明网版权所有</p></div>
</body></html>
"""
