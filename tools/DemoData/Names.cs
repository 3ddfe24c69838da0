namespace Alliance.Tools.DemoData;

/// <summary>Word lists the demo data is drawn from: common surnames and given-name characters, units from the articles.</summary>
static class Names
{
    /// <summary>The most common Chinese surnames, roughly in order of frequency (the first are drawn more often).</summary>
    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
        "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙", "史",
        "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "武", "戴", "孔", "汤", "欧阳", "司马", "诸葛",
    ];

    public static readonly string[] GivenCharacters =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "兰", "霞", "平",
        "刚", "桂", "英", "华", "建", "国", "文", "辉", "玲", "红", "鹏", "飞", "宇", "浩", "婷", "雪", "琳", "晨", "欣", "怡",
        "佳", "俊", "凯", "斌", "波", "峰", "海", "燕", "萍", "颖", "慧", "丹", "亮", "昊", "睿", "博", "思", "嘉", "雨", "晓",
        "志", "春", "秋", "东", "新", "荣", "德", "永", "林", "振", "宏", "晶", "倩", "蕾", "莉", "青", "翔", "帆", "瑞", "泽",
        "子", "梓", "轩", "然", "一", "诗", "涵", "航", "天", "成", "云", "卫", "民", "利", "庆", "安", "振", "彬", "璐", "薇",
    ];

    /// <summary>Management posts held by secretaries (cross-appointment) and some other members.</summary>
    public static readonly string[] TopPosts = ["董事长", "总经理", "副总经理", "党委副书记、总经理", "纪委书记、工会主席", "副总经理、总工程师"];
    public static readonly string[] MiddlePosts =
        ["项目经理", "部门经理", "党群工作部部长", "综合管理部经理", "工程管理部经理", "财务部经理", "人力资源部经理", "安全质量部经理", "运营中心主任", "办公室主任"];

    /// <summary>Shanghai's district codes first (most members live there), then a few provinces' capitals.</summary>
    public static readonly string[] RegionCodes =
        ["310115", "310115", "310115", "310104", "310105", "310107", "310110", "310112", "310113", "310120", "320102", "330106", "340104", "370102", "420106", "510107"];

    /// <summary>Subsidiary A's 43 enterprises: short name, sector (0 engineering, 1 regional development, 2 city services).</summary>
    public static readonly (string Name, int Sector)[] PudongEnterprises =
    [
        ("浦东建设", 0), ("浦建集团", 0), ("浦东设计院", 0), ("建管公司", 0), ("浦发市政工程", 0), ("浦发路桥", 0), ("浦发交通建设", 0),
        ("浦发水务建设", 0), ("浦发园林工程", 0), ("浦发智慧建造", 0), ("浦发工程咨询", 0), ("浦发建材", 0), ("浦发检测", 0), ("浦发桥隧工程", 0),
        ("浦发机电安装", 0),
        ("浦房集团", 1), ("浦发金控", 1), ("浦发融资租赁", 1), ("浦发征收服务", 1), ("浦发置业", 1), ("浦发城市更新", 1), ("世博区域开发", 1),
        ("新杨思开发", 1), ("浦发前滩投资", 1), ("浦发商业管理", 1), ("浦发资产管理", 1), ("浦发融资担保", 1), ("浦发房产经纪", 1), ("浦发产业园", 1),
        ("浦发养护", 2), ("浦发养老", 2), ("浦发环保", 2), ("浦发国资运营", 2), ("浦发物业", 2), ("浦发城市运营", 2), ("浦发绿化养护", 2),
        ("浦发环卫", 2), ("浦发停车管理", 2), ("浦发社区服务", 2), ("浦发能源服务", 2), ("浦发供水服务", 2), ("浦发餐饮服务", 2), ("浦发文旅", 2),
    ];

    /// <summary>Branches under an enterprise's committee or general branch.</summary>
    public static readonly string[] Departments =
    [
        "机关", "第一项目部", "第二项目部", "第三项目部", "设计所", "工程管理部", "财务审计部", "市场经营部", "运营中心", "技术中心",
        "综合办公室", "安全质量部", "客户服务中心", "资产管理部", "投资发展部", "青年突击队",
    ];

    /// <summary>Subsidiary B: Lingang's companies (committees) and the departments that have a branch in each.</summary>
    public static readonly string[] LingangCompanies =
        ["临港新片区经发公司", "漕河泾开发区", "临港松江科技城", "临港浦江国际科技城", "临港科技投资", "临港资产管理", "临港城市服务", "临港产业区"];

    public static readonly string[] LingangDepartments =
        ["综合管理部", "招商中心", "工程建设部", "园区运营部", "科创服务部", "财务部", "物业服务部"];

    public static readonly string[] PairingObligations =
    [
        "双方支部每季度开展一次联学，共同过主题党日；共享学习阵地与讲师资源；围绕园区招商和项目建设互派党员骨干交流。",
        "结对支部共同梳理问题清单和资源清单，每半年召开一次联席会议，推动问题对接解决；联合开展志愿服务。",
        "互相开放党群服务阵地，联合开展党课互讲、业务培训和青年岗位建功活动，共同推进重点攻坚项目。",
    ];
}
