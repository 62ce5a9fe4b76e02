BBBB BBBBXXX gettext(u'Hello %(name)s,') SSSSS SSSSSSSSSXXXX
BB BBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBXXX gettext(u'Thank you for offering to start %(name)s. The platform team has looked at your request and cannot open this network for now.') SSSSS SSS SSS SSSSSSSS SS SSSSS SSSSSSSSS SSS SSSSSSSS SSSS SSS SSSSSS SS SSSS SSSSSSS SSS SSSSSS SSSS SSSS SSSSSSS SSS SSSSXXXX
XXX gettext(u'Their reason:') XXXXFFFFFFFFFFFFXXXX
XXX gettext(u'If things change, or if you have questions, you are welcome to send a new request:')  XX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
BBBBXXX gettext(u'Good news: your request has been approved and %(name)s is now open.') SSSS SSSSS SSSS SSSSSSS SSS SSSS SSSSSSSS SSS SSSSSSSS SS SSS SSSSSXXXX
XXX gettext(u'Its address:')  XX XXXXXXXXXXXXXXXX
XXX gettext(u'A separate email, sent to %(email)s, invites you to coordinate the network. Accept that invitation to set up your account; you can then invite the first stores and your local police contacts.') S SSSSSSSS SSSSSS SSSS SS SSSSSSSSSS SSSSSSS SSS SS SSSSSSSSSS SSS SSSSSSSS SSSSSS SSSS SSSSSSSSSS SS SSS SS SSSS SSSSSSSS SSS SSS SSSS SSSSSS SSS SSSSS SSSSSS SSS SSSS SSSSS SSSSSS SSSSSSSSSXXXX
BBBBB
